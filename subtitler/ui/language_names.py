"""The languages Whisper knows, by their names in the interface language (English or French).

Qt names languages only in English or in their own language, so the French names are kept here
with the English ones; a language the interface does not cover falls back to English.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

__all__ = ["WHISPER_LANGUAGES", "language_name", "sorted_languages"]

WHISPER_LANGUAGES: dict[str, tuple[str, str]] = {
    "af": ("Afrikaans", "afrikaans"), "am": ("Amharic", "amharique"), "ar": ("Arabic", "arabe"),
    "as": ("Assamese", "assamais"), "az": ("Azerbaijani", "azerbaïdjanais"), "ba": ("Bashkir", "bachkir"),
    "be": ("Belarusian", "biélorusse"), "bg": ("Bulgarian", "bulgare"), "bn": ("Bengali", "bengali"),
    "bo": ("Tibetan", "tibétain"), "br": ("Breton", "breton"), "bs": ("Bosnian", "bosniaque"),
    "ca": ("Catalan", "catalan"), "cs": ("Czech", "tchèque"), "cy": ("Welsh", "gallois"),
    "da": ("Danish", "danois"), "de": ("German", "allemand"), "el": ("Greek", "grec"),
    "en": ("English", "anglais"), "es": ("Spanish", "espagnol"), "et": ("Estonian", "estonien"),
    "eu": ("Basque", "basque"), "fa": ("Persian", "persan"), "fi": ("Finnish", "finnois"),
    "fo": ("Faroese", "féroïen"), "fr": ("French", "français"), "gl": ("Galician", "galicien"),
    "gu": ("Gujarati", "goudjarati"), "ha": ("Hausa", "haoussa"), "haw": ("Hawaiian", "hawaïen"),
    "he": ("Hebrew", "hébreu"), "hi": ("Hindi", "hindi"), "hr": ("Croatian", "croate"),
    "ht": ("Haitian Creole", "créole haïtien"), "hu": ("Hungarian", "hongrois"), "hy": ("Armenian", "arménien"),
    "id": ("Indonesian", "indonésien"), "is": ("Icelandic", "islandais"), "it": ("Italian", "italien"),
    "ja": ("Japanese", "japonais"), "jw": ("Javanese", "javanais"), "ka": ("Georgian", "géorgien"),
    "kk": ("Kazakh", "kazakh"), "km": ("Khmer", "khmer"), "kn": ("Kannada", "kannada"),
    "ko": ("Korean", "coréen"), "la": ("Latin", "latin"), "lb": ("Luxembourgish", "luxembourgeois"),
    "ln": ("Lingala", "lingala"), "lo": ("Lao", "lao"), "lt": ("Lithuanian", "lituanien"),
    "lv": ("Latvian", "letton"), "mg": ("Malagasy", "malgache"), "mi": ("Maori", "maori"),
    "mk": ("Macedonian", "macédonien"), "ml": ("Malayalam", "malayalam"), "mn": ("Mongolian", "mongol"),
    "mr": ("Marathi", "marathi"), "ms": ("Malay", "malais"), "mt": ("Maltese", "maltais"),
    "my": ("Burmese", "birman"), "ne": ("Nepali", "népalais"), "nl": ("Dutch", "néerlandais"),
    "nn": ("Norwegian Nynorsk", "norvégien nynorsk"), "no": ("Norwegian", "norvégien"), "oc": ("Occitan", "occitan"),
    "pa": ("Punjabi", "pendjabi"), "pl": ("Polish", "polonais"), "ps": ("Pashto", "pachto"),
    "pt": ("Portuguese", "portugais"), "ro": ("Romanian", "roumain"), "ru": ("Russian", "russe"),
    "sa": ("Sanskrit", "sanskrit"), "sd": ("Sindhi", "sindhi"), "si": ("Sinhala", "cingalais"),
    "sk": ("Slovak", "slovaque"), "sl": ("Slovenian", "slovène"), "sn": ("Shona", "shona"),
    "so": ("Somali", "somali"), "sq": ("Albanian", "albanais"), "sr": ("Serbian", "serbe"),
    "su": ("Sundanese", "soundanais"), "sv": ("Swedish", "suédois"), "sw": ("Swahili", "swahili"),
    "ta": ("Tamil", "tamoul"), "te": ("Telugu", "télougou"), "tg": ("Tajik", "tadjik"),
    "th": ("Thai", "thaï"), "tk": ("Turkmen", "turkmène"), "tl": ("Tagalog", "tagalog"),
    "tr": ("Turkish", "turc"), "tt": ("Tatar", "tatar"), "uk": ("Ukrainian", "ukrainien"),
    "ur": ("Urdu", "ourdou"), "uz": ("Uzbek", "ouzbek"), "vi": ("Vietnamese", "vietnamien"),
    "yi": ("Yiddish", "yiddish"), "yo": ("Yoruba", "yoruba"), "zh": ("Chinese", "chinois"),
    "yue": ("Cantonese", "cantonais"),
}
"""Every language code faster-whisper accepts, with its English and French names."""


def language_name(code: str, locale: QLocale | None = None) -> str:
    """The name of the language ``code`` in the interface language (the code itself when unknown)."""
    names = WHISPER_LANGUAGES.get(code)
    if names is None:
        return code
    french = (locale or QLocale()).language() == QLocale.Language.French
    return names[1].capitalize() if french else names[0]


def sorted_languages(locale: QLocale | None = None) -> list[tuple[str, str]]:
    """(code, name) of every Whisper language, in the interface language's alphabetical order."""
    pairs = [(code, language_name(code, locale)) for code in WHISPER_LANGUAGES]
    return sorted(pairs, key=lambda pair: pair[1].casefold().translate(_PLAIN))


_PLAIN = str.maketrans("éèêëàâäîïôöûüç", "eeeeaaaiioouuc")
