"""French interface translation, keyed by the English source text (applied by update_translations.py).

Conventions, as a French subtitler expects them: a cue is « sous-titre », timing is « minutage »,
the playhead is « tête de lecture », reading speed is « vitesse de lecture » in « car./s ».
Typography: a no-break space before « : » and inside « », a narrow no-break space before ? ! ;
(written {NB} and {FN} below so they stay visible). Menu mnemonics (&) are unique within each menu.
A tuple holds the numerus forms (singular, plural) for strings with %n.
"""

from __future__ import annotations

NB = "\u00a0"  # no-break space: before a colon, inside « »
FN = "\u202f"  # narrow no-break space: before ? ! ;

FRENCH: dict[str, str | tuple[str, str]] = {
    # Menus (File, Edit, Timing, Subtitles, Playback, View, Help)
    "&File": "&Fichier",
    "&Edit": "&Édition",
    "T&iming": "&Minutage",
    "&Subtitles": "&Sous-titres",
    "&Playback": "&Lecture",
    "&View": "&Affichage",
    "&Help": "Aid&e",
    "Interface &Language": "&Langue de l'interface",
    # File menu
    "&Open…": "&Ouvrir…",
    "Open &Recent": "Ouvrir un fichier &récent",
    "&Import Subtitles…": "&Importer des sous-titres…",
    "&Save Project": "&Enregistrer le projet",
    "Save Project &As…": "Enregistrer le projet &sous…",
    "&Export Subtitles…": "E&xporter les sous-titres…",
    "&Quit": "&Quitter",
    "Open a video, a project or a subtitle file": "Ouvrir une vidéo, un projet ou un fichier de sous-titres",
    "Read an SRT, ASS or WebVTT file into the cue list": "Lire un fichier SRT, ASS ou WebVTT dans la liste des sous-titres",
    "No cues yet.\nSubtitles ▸ Transcribe (Ctrl+T) turns the video's speech into cues;\n"
    "File ▸ Import Subtitles (Ctrl+I) reads an existing file.": (
        f"Pas encore de sous-titres.\nSous-titres ▸ Transcrire (Ctrl+T) transforme la parole de la vidéo en sous-titres{FN};\n"
        "Fichier ▸ Importer des sous-titres (Ctrl+I) lit un fichier existant."
    ),
    "Save the project with its word timings": "Enregistrer le projet avec le minutage de chaque mot",
    "Save the project under a new name": "Enregistrer le projet sous un autre nom",
    "Write the cues as SRT, ASS or WebVTT": "Écrire les sous-titres en SRT, ASS ou WebVTT",
    "Close Subtitler": "Fermer Subtitler",
    "No recent files": "Aucun fichier récent",
    "Clear List": "Vider la liste",
    # Edit menu
    "&Undo": "&Annuler",
    "&Redo": "&Rétablir",
    "S&plit at Text Cursor": "&Scinder au curseur de texte",
    "&Merge with Next": "&Fusionner avec le suivant",
    "&Delete Cues": "Su&pprimer les sous-titres",
    "&Insert Cue at Playhead": "I&nsérer un sous-titre à la tête de lecture",
    "Move &First Word to Previous Cue": "Déplacer le premier &mot vers le sous-titre précédent",
    "Move &Last Word to Next Cue": "Déplacer le &dernier mot vers le sous-titre suivant",
    "Select &All Cues": "Sélectionner &tous les sous-titres",
    "Split the cue where the text cursor is; times come from the words":
        f"Scinder le sous-titre à l'emplacement du curseur{FN}; les temps viennent des mots",
    "Join the cue with the next one": "Réunir le sous-titre avec le suivant",
    "Delete the selected cues": "Supprimer les sous-titres sélectionnés",
    "Add an empty cue at the playhead": "Ajouter un sous-titre vide à la tête de lecture",
    "Give this cue's first word, with its time, to the previous cue":
        "Donner le premier mot de ce sous-titre, avec son minutage, au sous-titre précédent",
    "Give this cue's last word, with its time, to the next cue":
        "Donner le dernier mot de ce sous-titre, avec son minutage, au sous-titre suivant",
    "Select every cue": "Sélectionner tous les sous-titres",
    # Timing menu
    "Set &Start to Playhead": "&Début à la tête de lecture",
    "Set &End to Playhead": "&Fin à la tête de lecture",
    "The cue starts at the playhead": "Le sous-titre commence à la tête de lecture",
    "The cue ends at the playhead": "Le sous-titre finit à la tête de lecture",
    "Start One Frame Earlier": "Début une image plus tôt",
    "Start One Frame Later": "Début une image plus tard",
    "End One Frame Earlier": "Fin une image plus tôt",
    "End One Frame Later": "Fin une image plus tard",
    "Start 100 ms Earlier": "Début 100 ms plus tôt",
    "Start 100 ms Later": "Début 100 ms plus tard",
    "End 100 ms Earlier": "Fin 100 ms plus tôt",
    "End 100 ms Later": "Fin 100 ms plus tard",
    "S&hift Times…": "Déca&ler les temps…",
    "Move the selected cues, or everything from them on, by an amount of time":
        "Décaler dans le temps les sous-titres sélectionnés, ou tout ce qui les suit",
    # Subtitles menu
    "&Transcribe…": "&Transcrire…",
    "Turn the video's speech into timed cues": "Transformer la parole de la vidéo en sous-titres minutés",
    "&Re-segment…": "&Redécouper…",
    "Rebuild the cues from the words under a preset's rules":
        "Reconstruire les sous-titres à partir des mots selon les règles d'un préréglage",
    "&Fix Automatically": "&Corriger automatiquement",
    "Fix line breaks, overlaps, gaps, chaining and reading speed where a rule allows it (one undo step)":
        "Corriger retours à la ligne, chevauchements, intervalles, enchaînements et vitesse de lecture "
        "quand une règle le permet (une seule étape d'annulation)",
    # Playback menu
    "&Play / Pause": "&Lecture / Pause",
    "Start or stop playback": "Lancer ou arrêter la lecture",
    "Play &Current Cue": "Lire le sous-titre &courant",
    "Play the current cue and stop at its end": "Lire le sous-titre courant et s'arrêter à sa fin",
    "Play 1 s Be&fore Cue": "Lire 1 s a&vant le sous-titre",
    "Play the second before the cue starts, to check the in-time":
        "Lire la seconde qui précède le sous-titre, pour vérifier le temps d'entrée",
    "Play 1 s &After Cue": "Lire 1 s a&près le sous-titre",
    "Play the second after the cue ends, to check the out-time":
        "Lire la seconde qui suit le sous-titre, pour vérifier le temps de sortie",
    "Previous &Frame": "&Image précédente",
    "Step back one frame": "Reculer d'une image",
    "&Next Frame": "Image &suivante",
    "Step forward one frame": "Avancer d'une image",
    "&Back 1 s": "&Reculer de 1 s",
    "Move the playhead back one second": "Reculer la tête de lecture d'une seconde",
    "F&orward 1 s": "&Avancer de 1 s",
    "Move the playhead forward one second": "Avancer la tête de lecture d'une seconde",
    "&Slower": "Ralen&tir",
    "Lower the playback speed": "Réduire la vitesse de lecture",
    "Fa&ster": "Accél&érer",
    "Raise the playback speed": "Augmenter la vitesse de lecture",
    "Playback speed %1×": f"Vitesse de lecture{NB}: %1×",
    # View and Help menus
    "Main Toolbar": "Barre d'outils principale",
    "&Keyboard Shortcuts": "&Raccourcis clavier",
    "&About Subtitler": "À &propos de Subtitler",
    "Version and licence": "Version et licence",
    "About Subtitler": "À propos de Subtitler",
    "Subtitler %1\nOffline subtitle timing editor with word-level timings.\nMIT licence.":
        "Subtitler %1\nÉditeur de minutage de sous-titres hors ligne, avec le minutage de chaque mot.\n"
        "Licence MIT.",
    "Keyboard Shortcuts": "Raccourcis clavier",
    "Command": "Commande",
    "Keys": "Touches",
    "System Language": "Langue du système",
    "The interface language changes the next time Subtitler starts.":
        "La langue de l'interface changera au prochain démarrage de Subtitler.",
    # Timeline
    "Timeline": "Ligne temporelle",
    "Building waveform…": "Construction de la forme d'onde…",
    "The waveform could not be built: %1": f"Impossible de construire la forme d'onde{NB}: %1",
    "The whole file: blue shows where cues are, red marks cues with problems; click to go there":
        f"Le fichier entier{NB}: en bleu les sous-titres, en rouge ceux qui posent problème{FN}; "
        "cliquez pour y aller",
    "word": "mot",
    "speech": "parole",
    "frame": "image",
    "min. gap": "écart min.",
    "shot change": "changement de plan",
    "playhead": "tête de lecture",
    "Snapped to %1 at %2": "Aimanté (%1) à %2",
    "A cue cannot start before 0:00: the move was refused.":
        f"Un sous-titre ne peut pas commencer avant 0:00{NB}: déplacement refusé.",
    "Cue %1 would end before it starts: the move was refused.":
        f"Le sous-titre %1 finirait avant de commencer{NB}: déplacement refusé.",
    "Cues %1 and %2 would overlap: the move was refused.":
        f"Les sous-titres %1 et %2 se chevaucheraient{NB}: déplacement refusé.",
    "Move cues": "Déplacer les sous-titres",
    "Move cue": "Déplacer le sous-titre",
    "Drag start": "Déplacer le début",
    "Drag end": "Déplacer la fin",
    "Move boundary": "Déplacer la limite",
    "%1 (ripple)": "%1 (propagé)",
    "Split here": "Scinder ici",
    "Merge with next": "Fusionner avec le suivant",
    "New cue over the selected region": "Nouveau sous-titre sur la zone sélectionnée",
    "Re-transcribe the selected region": "Retranscrire la zone sélectionnée",
    "Ripple mode": "Mode propagation",
    "Snapping": "Magnétisme",
    "Zoom to the whole file": "Zoomer sur le fichier entier",
    "There is no cue here to split.": "Il n'y a pas de sous-titre à scinder ici.",
    "There is no next cue to merge with.": "Il n'y a pas de sous-titre suivant avec lequel fusionner.",
    "Drag over an empty part of the timeline to select a region first.":
        "Faites d'abord glisser la souris sur une partie vide de la ligne temporelle pour sélectionner une zone.",
    "The region overlaps a cue: select a free region for a new cue.":
        f"La zone chevauche un sous-titre{NB}: sélectionnez une zone libre pour un nouveau sous-titre.",
    "New cue": "Nouveau sous-titre",
    "Zoom in": "Zoom avant",
    "Zoom in (+, Ctrl+wheel)": "Zoom avant (+, Ctrl+molette)",
    "Zoom out": "Zoom arrière",
    "Zoom out (-, Ctrl+wheel)": "Zoom arrière (-, Ctrl+molette)",
    "Whole file": "Fichier entier",
    "Show the whole file (0)": "Afficher le fichier entier (0)",
    "Snap": "Magnétisme",
    "Snap edges to words, speech, frames, gaps, shot changes and the playhead (hold Shift to suspend)":
        "Aimanter les bords aux mots, à la parole, aux images, aux écarts, aux changements de plan et à la "
        "tête de lecture (maintenir Maj pour suspendre)",
    "Ripple": "Propager",
    "Ripple mode: moving a cue or its end moves every later cue too":
        f"Mode propagation{NB}: déplacer un sous-titre ou sa fin déplace aussi tous les suivants",
    "Follow": "Suivre",
    "Scroll with the playhead during playback": "Défiler avec la tête de lecture pendant la lecture",
    "Open a video first: there is no audio to transcribe.":
        f"Ouvrez d'abord une vidéo{NB}: il n'y a pas d'audio à transcrire.",
    "A region is already being transcribed.": "Une zone est déjà en cours de transcription.",
    "Re-transcribing the selected region…": "Retranscription de la zone sélectionnée…",
    "No speech was found in the selected region.": "Aucune parole n'a été trouvée dans la zone sélectionnée.",
    "Re-transcribe region": "Retranscrire la zone",
    "Re-transcribed the region: %1 cues replaced by %2.":
        f"Zone retranscrite{NB}: %1 sous-titres remplacés par %2.",
    "Re-transcription failed: %1": f"Échec de la retranscription{NB}: %1",
    # Toolbar
    "Open": "Ouvrir",
    "Save": "Enregistrer",
    "Export": "Exporter",
    "Transcribe": "Transcrire",
    "Split": "Scinder",
    "Merge": "Fusionner",
    "Insert": "Insérer",
    "Delete": "Supprimer",
    "Play": "Lecture",
    "Play Cue": "Lire le sous-titre",
    "Undo": "Annuler",
    "Redo": "Rétablir",
    # Window, status bar
    "Untitled": "Sans titre",
    "%1[*] — Subtitler": "%1[*] — Subtitler",
    "Cancel": "Annuler",
    "Stop the running transcription; the cues stay as they were":
        f"Arrêter la transcription en cours{FN}; les sous-titres restent tels quels",
    "%n cues": ("%n sous-titre", "%n sous-titres"),
    "No cue selected": "Aucun sous-titre sélectionné",
    "Cue %1 of %2 · %3 → %4 · %5 s · %6 cps": "Sous-titre %1 sur %2 · %3 → %4 · %5 s · %6 car./s",
    "Ready: %1": f"Prêt{NB}: %1",
    "Playback": "Lecture",
    "The timeline could not be shown: %1": f"Impossible d'afficher la ligne temporelle{NB}: %1",
    "Edit text": "Modifier le texte",
    # Files
    "Cannot open %1": "Impossible d'ouvrir %1",
    "Cannot write %1: %2": f"Impossible d'écrire %1{NB}: %2",
    "File error": "Erreur de fichier",
    "Videos, projects and subtitles (%1)": "Vidéos, projets et sous-titres (%1)",
    "Videos (%1)": "Vidéos (%1)",
    "Subtitler projects (%1)": "Projets Subtitler (%1)",
    "Subtitles (%1)": "Sous-titres (%1)",
    "All files (*)": "Tous les fichiers (*)",
    "SubRip (*.srt)": "SubRip (*.srt)",
    "Advanced SubStation Alpha (*.ass)": "Advanced SubStation Alpha (*.ass)",
    "WebVTT (*.vtt)": "WebVTT (*.vtt)",
    "Import Subtitles": "Importer des sous-titres",
    "Import %1": "Importer %1",
    "Imported %1 cues from %2": "%1 sous-titres importés depuis %2",
    "Export Subtitles": "Exporter les sous-titres",
    "Export failed": "Échec de l'exportation",
    "Exported %1 cues to %2": "%1 sous-titres exportés vers %2",
    "Save Project": "Enregistrer le projet",
    "Save failed": "Échec de l'enregistrement",
    "Saved %1": "%1 enregistré",
    "The project was not saved: %1\nYour work is still open; try another folder.":
        f"Le projet n'a pas été enregistré{NB}: %1\nVotre travail est toujours ouvert{FN}; "
        "essayez un autre dossier.",
    "Project opened with warnings": "Projet ouvert avec des avertissements",
    "The project's video was not found; open it with File ▸ Open to attach it.":
        f"La vidéo du projet est introuvable{FN}; ouvrez-la avec Fichier ▸ Ouvrir pour la rattacher.",
    "Unsaved changes": "Modifications non enregistrées",
    "The subtitles have unsaved changes. Save them before closing?":
        f"Les sous-titres comportent des modifications non enregistrées. "
        f"Les enregistrer avant de fermer{FN}?",
    "Autosave failed: %1": f"Échec de l'enregistrement automatique{NB}: %1",
    "Restore unsaved work?": f"Restaurer le travail non enregistré{FN}?",
    "Subtitler did not close normally. Unsaved work on %1 (%2 cues) was autosaved at %3.\n\n"
    "Restore it? If not, it is kept aside for a week.":
        "Subtitler ne s'est pas fermé normalement. Le travail non enregistré sur %1 (%2 sous-titres) "
        f"a été enregistré automatiquement le %3.\n\nLe restaurer{FN}? Sinon, il est mis de côté pendant une semaine.",
    "The autosaved work was set aside in %1.": "Le travail enregistré automatiquement a été mis de côté dans %1.",
    "Open %1": "Ouvrir %1",
    "These subtitles belong to %1. Attach %2 to them instead, or open %2 as a new document?":
        f"Ces sous-titres vont avec %1. Leur rattacher plutôt %2, ou ouvrir %2 comme nouveau document{FN}?",
    "Attach to These Subtitles": "Rattacher à ces sous-titres",
    "Open as New Document": "Ouvrir comme nouveau document",
    # Busy: a job runs on the document
    "%1… Edits wait until it finishes or is cancelled.":
        "%1… Les modifications attendent que ce soit terminé ou annulé.",
    "%1… Closing stops it.": "%1… Fermer l'interrompt.",
    "Stop and close?": f"Interrompre et fermer{FN}?",
    "Opening %1": "Ouverture de %1",
    "Transcribing %1": "Transcription de %1",
    "Re-transcribing a region": "Retranscription d'une zone",
    "an untitled document": "un document sans titre",
    "Cannot restore": "Restauration impossible",
    "Restored %1 cues from the autosave.": "%1 sous-titres restaurés depuis l'enregistrement automatique.",
    "This video has no audio track: there is nothing to transcribe.":
        f"Cette vidéo n'a pas de piste audio{NB}: il n'y a rien à transcrire.",
    # Encoding repair and import report
    "Repair the text encoding?": f"Réparer l'encodage du texte{FN}?",
    "Some text in %1 looks garbled, as if it was saved in one encoding and read in another (%2).":
        "Une partie du texte de %1 semble illisible, comme s'il avait été enregistré dans un encodage "
        "et lu dans un autre (%2).",
    "Repairing changes %1 cues, for example:\n\n%2\n\nRepair the text?":
        f"La réparation modifie %1 sous-titres, par exemple{NB}:\n\n%2\n\nRéparer le texte{FN}?",
    "Repair": "Réparer",
    "Keep as Is": "Laisser tel quel",
    "Problems in %1": "Problèmes dans %1",
    "%1 problems were found; the readable cues were imported.":
        f"%1 problèmes ont été trouvés{FN}; les sous-titres lisibles ont été importés.",
    # Cue table
    "#": "N°",
    "Start": "Début",
    "End": "Fin",
    "Duration": "Durée",
    "CPS": "Car./s",
    "Text": "Texte",
    "Cue number": "Numéro du sous-titre",
    "Start time (double-click to edit)": "Temps d'entrée (double-clic pour modifier)",
    "End time (double-click to edit)": "Temps de sortie (double-clic pour modifier)",
    "How long the cue is shown, in seconds": "Durée d'affichage du sous-titre, en secondes",
    "Reading speed in characters per second (red when over the preset's limit)":
        "Vitesse de lecture en caractères par seconde (en rouge au-delà de la limite du préréglage)",
    "Subtitle text; words the engine was unsure of are underlined":
        f"Texte du sous-titre{FN}; les mots dont la transcription est incertaine sont soulignés",
    "Reading speed over the limit of %1 characters per second (%2)":
        "Vitesse de lecture au-delà de la limite de %1 caractères par seconde (%2)",
    "Shorter than the minimum of %1 s": "Plus court que le minimum de %1 s",
    "Longer than the maximum of %1 s": "Plus long que le maximum de %1 s",
    "Unsure words: %1": f"Mots incertains{NB}: %1",
    "Change time": "Modifier le temps",
    "Select a cue to edit its text here; changes apply as you type.":
        f"Sélectionnez un sous-titre pour modifier son texte ici{FN}; les modifications s'appliquent "
        "au fil de la frappe.",
    "The engine was unsure of this word": "La transcription de ce mot est incertaine",
    # Editing commands (undo stack entries and refusals)
    "Split cue": "Scinder le sous-titre",
    "Merge cues": "Fusionner les sous-titres",
    "Delete %n cues": ("Supprimer %n sous-titre", "Supprimer %n sous-titres"),
    "Insert cue": "Insérer un sous-titre",
    "Move word to next cue": "Déplacer le mot vers le sous-titre suivant",
    "Move word to previous cue": "Déplacer le mot vers le sous-titre précédent",
    "Nudge start": "Ajuster le début",
    "Nudge end": "Ajuster la fin",
    "Set start": "Fixer le début",
    "Set end": "Fixer la fin",
    "Shift times": "Décaler les temps",
    "Re-segment (%1)": "Redécouper (%1)",
    "Select a cue first.": "Sélectionnez d'abord un sous-titre.",
    "The first cue has no previous cue.": "Le premier sous-titre n'a pas de sous-titre précédent.",
    "The last cue has no next cue.": "Le dernier sous-titre n'a pas de sous-titre suivant.",
    "The last cue has no next cue to merge with.":
        "Le dernier sous-titre n'a pas de sous-titre suivant avec lequel fusionner.",
    "These cues have no word timings (they came from a subtitle file): transcribe the video to re-segment.":
        f"Ces sous-titres n'ont pas de minutage par mot (ils viennent d'un fichier de sous-titres){NB}: "
        "transcrivez la vidéo pour les redécouper.",
    # Shift and re-segment dialogs
    "Shift Times": "Décaler les temps",
    " ms": " ms",
    "Move by:": f"Décaler de{NB}:",
    "Also move every cue after the selection": "Décaler aussi tous les sous-titres qui suivent la sélection",
    "%1 selected cues; a negative amount moves them earlier.":
        f"%1 sous-titres sélectionnés{FN}; une valeur négative les avance.",
    "Re-segment": "Redécouper",
    "&Rules:": f"&Règles{NB}:",
    "The cues are rebuilt from the original transcript's words under the chosen rules. "
    "Text edits made since transcribing are replaced; Undo brings them back.":
        "Les sous-titres sont reconstruits à partir des mots de la transcription d'origine, selon les "
        f"règles choisies. Les modifications de texte faites depuis la transcription sont remplacées{FN}; "
        "Annuler les rétablit.",
    "The cues are rebuilt from their words under the chosen rules. Undo brings them back.":
        "Les sous-titres sont reconstruits à partir de leurs mots selon les règles choisies. "
        "Annuler les rétablit.",
    # Transcription
    "Subtitler listens to the video's speech on this computer (nothing is uploaded) and turns it into "
    "timed cues. The current cues are replaced; Undo brings them back.":
        "Subtitler écoute la parole de la vidéo sur cet ordinateur (rien n'est envoyé en ligne) et la "
        f"transforme en sous-titres minutés. Les sous-titres actuels sont remplacés{FN}; Annuler les rétablit.",
    "&Model:": f"&Modèle{NB}:",
    "&Language:": f"&Langue{NB}:",
    "Detect automatically": "Détection automatique",
    "By language (Netflix French for French speech)": "Selon la langue (Netflix français pour le français)",
    "%1 (not installed)": "%1 (non installé)",
    "Open a video first.": "Ouvrez d'abord une vidéo.",
    "Loading the model…": "Chargement du modèle…",
    "Fitting the cues to the speech…": "Calage des sous-titres sur la parole…",
    "Transcribing %1 with %2 on %3…": "Transcription de %1 avec %2 sur %3…",
    # Transcribe dialog: device and model folder (ui/whisper_choices.py)
    "&Device:": f"&Calcul{NB}:",
    "Automatic": "Automatique",
    "CPU": "Processeur (CPU)",
    "GPU (CUDA)": "Carte graphique (CUDA)",
    "No CUDA GPU is visible here.": "Aucune carte graphique CUDA n'est visible ici.",
    "%1, %2 weights": "%1, poids en %2",
    "Runs on: %1; %2 windows of 30 s at once": f"Calcul sur{NB}: %1{FN}; %2 fenêtres de 30 s à la fois",
    "Folder…": "Dossier…",
    "Use a model from a folder (a CTranslate2 Whisper model with its model.bin)":
        "Utiliser un modèle rangé dans un dossier (un modèle Whisper CTranslate2, avec son model.bin)",
    "Model folder": "Dossier du modèle",
    "Not a model folder": "Pas un dossier de modèle",
    "%1 holds no model.bin: choose the folder of a CTranslate2 Whisper model.":
        f"%1 ne contient pas de model.bin{NB}: choisissez le dossier d'un modèle Whisper CTranslate2.",
    "Estimating time left…": "Estimation du temps restant…",
    "%1 left": "Encore %1",
    "Transcribed: %1 cues in %2.": f"Transcription terminée{NB}: %1 sous-titres en %2.",
    "Transcription cancelled; the cues are as they were.":
        f"Transcription annulée{FN}; les sous-titres sont tels qu'avant.",
    "Transcription failed": "Échec de la transcription",
    "Transcription failed: %1": f"Échec de la transcription{NB}: %1",
    "Not enough memory to transcribe this file; try a smaller model.":
        f"Mémoire insuffisante pour transcrire ce fichier{FN}; essayez un modèle plus petit.",
    # Player
    "Play or pause (Space)": "Lecture ou pause (Espace)",
    "Previous frame": "Image précédente",
    "Next frame": "Image suivante",
    "Back one second": "Reculer d'une seconde",
    "Forward one second": "Avancer d'une seconde",
    "Playback speed": "Vitesse de lecture",
    "Playhead / duration (hours:minutes:seconds:frames)":
        "Tête de lecture / durée (heures:minutes:secondes:images)",
    "Playback error: %1": f"Erreur de lecture{NB}: %1",
    "This file cannot be played: %1": f"Impossible de lire ce fichier{NB}: %1",
    "%1×": "%1×",
    "−1 s": "−1 s",
    "+1 s": "+1 s",
    "▶": "▶",
    "❚❚": "❚❚",
    "◀|": "◀|",
    "|▶": "|▶",
    # Quality dock
    "Quality": "Qualité",
    "Fix Automatically": "Corriger automatiquement",
    "Line length": "Longueur de ligne",
    "Too many lines": "Trop de lignes",
    "Reading speed": "Vitesse de lecture",
    "Too short": "Trop court",
    "Too long": "Trop long",
    "Overlap": "Chevauchement",
    "Gap too short": "Intervalle trop court",
    "Not chained": "Non enchaîné",
    "Shot change": "Changement de plan",
    "Empty cue": "Sous-titre vide",
    "Repeated text": "Texte répété",
    "Typography": "Typographie",
    "Unsure words": "Mots incertains",
    "Hallucination": "Hallucination",
    "No speech": "Pas de parole",
    "Speech without cue": "Parole sans sous-titre",
    "Error": "Erreur",
    "Warning": "Avertissement",
    "Note": "Remarque",
    "Cue": "N°",
    "Time": "Temps",
    "Rule": "Règle",
    "Problem": "Problème",
    "Cue number; the dot is the severity (red: error, amber: warning, grey: note)":
        f"Numéro du sous-titre{FN}; la pastille donne la gravité (rouge{NB}: erreur, orange{NB}: avertissement, "
        f"gris{NB}: remarque)",
    "Where the problem starts": "Où le problème commence",
    "The rule that is broken": "La règle enfreinte",
    "What is wrong, with the figures": "Ce qui ne va pas, chiffres à l'appui",
    "Fix Automatically can resolve this.": f"«{NB}Corriger automatiquement{NB}» peut résoudre ce problème.",
    "Notes": "Remarques",
    "Also list notes: unsure words, cues without speech and speech without a cue":
        f"Afficher aussi les remarques{NB}: mots incertains, sous-titres sans parole et parole sans sous-titre",
    "No cues to check.": "Aucun sous-titre à vérifier.",
    "No problems in %n cues": ("Aucun problème dans %n sous-titre", "Aucun problème dans les %n sous-titres"),
    "%n problems · cues affected: %1 of %2":
        (f"%n problème · sous-titres concernés{NB}: %1 sur %2", f"%n problèmes · sous-titres concernés{NB}: %1 sur %2"),
    "Errors: %1 · warnings: %2 · notes: %3": f"Erreurs{NB}: %1 · avertissements{NB}: %2 · remarques{NB}: %3",
    "There are no cues to fix.": "Il n'y a aucun sous-titre à corriger.",
    "Nothing to fix automatically.": "Rien à corriger automatiquement.",
    "Fix automatically": "Correction automatique",
    # Everyday editing (issue 14): Find & Replace (ui/find_replace.py)
    "&Find…": "Rec&hercher…",
    "R&eplace…": "R&emplacer…",
    "Find Ne&xt": "Occurrence sui&vante",
    "Find Pre&vious": "Occurrence &précédente",
    "Find text in the cues": "Rechercher du texte dans les sous-titres",
    "Find text and replace it": "Rechercher du texte et le remplacer",
    "Go to the next match": "Aller à l'occurrence suivante",
    "Go to the previous match": "Aller à l'occurrence précédente",
    "Find & Replace": "Rechercher et remplacer",
    "Text to find": "Texte à rechercher",
    "Replace with (empty deletes the match)": f"Remplacer par (vide{NB}: supprime l'occurrence)",
    "Regular e&xpression": "E&xpression régulière",
    "Python regular expressions; \\1 in the replacement puts back the first group":
        f"Expressions régulières Python{FN}; \\1 dans le remplacement remet le premier groupe",
    "Match &case": "Respecter la &casse",
    "&Whole words": "&Mots entiers",
    "Text and speaker": "Texte et locuteur",
    "Find &Next": "&Suivant",
    "Find &Previous": "&Précédent",
    "&Replace": "&Remplacer",
    "Replace &All": "Remplacer &tout",
    "Close": "Fermer",
    "Next match (F3)": "Occurrence suivante (F3)",
    "Previous match (Shift+F3)": "Occurrence précédente (Maj+F3)",
    "Replace this match and go to the next one": "Remplacer cette occurrence et passer à la suivante",
    "Replace every match in one undo step": "Remplacer toutes les occurrences en une seule étape d'annulation",
    "&Find:": f"Rec&hercher{NB}:",
    "Replace &with:": f"Remplacer &par{NB}:",
    "&Search in:": f"&Chercher dans{NB}:",
    "No matches.": "Aucune occurrence.",
    "Replace": "Remplacer",
    "Replace all “%1”": f"Remplacer tout «{NB}%1{NB}»",
    "Replaced %n matches in %1 cues; Undo puts them back.":
        (f"%n occurrence remplacée dans %1 sous-titres{FN}; Annuler la remet.",
         f"%n occurrences remplacées dans %1 sous-titres{FN}; Annuler les remet."),
    "%n matches": ("%n occurrence", "%n occurrences"),
    "Match %1 of %2": "Occurrence %1 sur %2",
    "Type what to find.": "Tapez le texte à rechercher.",
    "Invalid regular expression: %1": f"Expression régulière incorrecte{NB}: %1",
    "Invalid replacement: %1": f"Remplacement incorrect{NB}: %1",
    "The text changed since it was found; search again.": f"Le texte a changé depuis{FN}; relancez la recherche.",
    # Spell check (ui/spelling.py)
    "Next &Misspelling": "Faute d'ort&hographe suivante",
    "Go to the next word the spell checker does not know": "Aller au mot suivant que le correcteur ne connaît pas",
    "Spell check is off: %1": f"Correction orthographique désactivée{NB}: %1",
    "The word list is still loading; try again in a moment.": f"Le dictionnaire est en cours de chargement{FN}; réessayez dans un instant.",
    "There is no word list for the language “%1”.": f"Il n'y a pas de dictionnaire pour la langue «{NB}%1{NB}».",
    "Cannot save the word": "Impossible d'enregistrer le mot",
    "%1 could not be written: %2": f"%1 n'a pas pu être écrit{NB}: %2",
    "“%1” was added to your dictionary.": f"«{NB}%1{NB}» a été ajouté à votre dictionnaire.",
    "No misspelled words.": "Aucune faute d'orthographe.",
    "Misspelled: “%1”": f"Mot inconnu{NB}: «{NB}%1{NB}»",
    "(no suggestions)": "(aucune suggestion)",
    "Add “%1” to Dictionary": f"Ajouter «{NB}%1{NB}» au dictionnaire",
    "Correct spelling": "Corriger l'orthographe",
    # Transcript import and alignment (ui/align_dialog.py), speakers in the table, unheard words
    "Import &Transcript…": "Importer une &transcription…",
    "Time a transcript you already have (text, SRT or VTT) to the video's speech":
        "Caler sur la parole de la vidéo une transcription que vous avez déjà (texte, SRT ou VTT)",
    "Re-&align to Audio": "Re&caler sur l'audio",
    "Time the cues' words to the speech again, after editing them": "Caler de nouveau les mots des sous-titres sur la parole, après les avoir modifiés",
    "Import Transcript": "Importer une transcription",
    "Subtitler times every word of %1 to the video's speech and cuts it into subtitles. Your words stay as they are. Untick a clean-up step to undo it.":
        "Subtitler cale chaque mot de %1 sur la parole de la vidéo et le découpe en sous-titres. Vos mots restent tels quels. Décochez une étape de nettoyage pour l'annuler.",
    "Align": "Caler",
    "Clean-up": "Nettoyage",
    "Detect": "Détecter",
    "Encoding:": f"Encodage{NB}:",
    "Repair text read in the wrong encoding": "Réparer le texte lu dans un mauvais encodage",
    "Join line breaks": "Joindre les retours à la ligne",
    "Read speaker labels as speaker turns": "Lire les noms d'intervenants comme des tours de parole",
    "Keep sound events ([Music], (applause)) as their own cues": "Garder les bruits ([Musique], (applaudissements)) en sous-titres à part",
    "Keep fillers (um, euh)": "Garder les hésitations (euh, hum)",
    "Keep my capitals (the text has no punctuation: sentence ends and capitals are restored)":
        f"Garder mes majuscules (le texte n'a pas de ponctuation{NB}: fins de phrase et majuscules sont rétablies)",
    "By language": "Selon la langue",
    "Read as %1": "Lu en %1",
    "Nothing to repair": "Rien à réparer",
    "No line breaks inside a turn": "Aucun retour à la ligne dans un tour de parole",
    "No speaker labels found": "Aucun nom d'intervenant trouvé",
    "No sound events found": "Aucun bruit trouvé",
    "No fillers found": "Aucune hésitation trouvée",
    "%n words were UTF-8 read as %1": ("%n mot était de l'UTF-8 lu en %1", "%n mots étaient de l'UTF-8 lu en %1"),
    "the times of %n cues dropped": ("les temps de %n sous-titre retirés", "les temps de %n sous-titres retirés"),
    "%n line breaks joined": ("%n retour à la ligne joint", "%n retours à la ligne joints"),
    "%n labels: %1": (f"%n nom{NB}: %1", f"%n noms{NB}: %1"),
    "Transcripts (*.txt *.srt *.vtt)": "Transcriptions (*.txt *.srt *.vtt)",
    "Open the video first: the transcript is timed to its speech.": f"Ouvrez d'abord la vidéo{NB}: la transcription est calée sur sa parole.",
    "Open the video first: the words are timed to its speech.": f"Ouvrez d'abord la vidéo{NB}: les mots sont calés sur sa parole.",
    "Import transcript %1": "Importer la transcription %1",
    "Re-align to audio": "Recaler sur l'audio",
    "There are no words to align.": "Il n'y a aucun mot à caler.",
    "Aligning the transcript to %1": "Calage de la transcription sur %1",
    "Aligning %n words to %1…": ("Calage de %n mot sur %1…", "Calage de %n mots sur %1…"),
    "Alignment cancelled; the cues are as they were.": f"Calage annulé{FN}; les sous-titres sont comme avant.",
    "Alignment failed": "Échec du calage",
    "Alignment failed: %1": f"Échec du calage{NB}: %1",
    "Not enough memory to align this file; try a smaller model.": f"Pas assez de mémoire pour caler ce fichier{FN}; essayez un modèle plus petit.",
    "Aligned %n words into %1 cues.": ("%n mot calé en %1 sous-titres.", "%n mots calés en %1 sous-titres."),
    "The text had no punctuation: sentence ends and capitals were restored.":
        f"Le texte n'avait pas de ponctuation{NB}: fins de phrase et majuscules ont été rétablies.",
    "%n words were not heard; the Quality list shows them.":
        (f"%n mot n'a pas été entendu{FN}; la liste Qualité le montre.", f"%n mots n'ont pas été entendus{FN}; la liste Qualité les montre."),
    "Speaker": "Intervenant",
    "Who speaks the cue (double-click to edit); exported as the ASS Name and a WebVTT voice":
        f"Qui dit le sous-titre (double-clic pour modifier){NB}; exporté comme Name ASS et voix WebVTT",
    "Change speaker": "Changer d'intervenant",
    "Not heard": "Non entendu",
    # Previews of Fix Automatically and Re-segment (ui/preview_dialog.py)
    "%n changes proposed. Untick the ones you do not want, or apply them all.": (
        "%n modification proposée. Décochez-la si vous n'en voulez pas, ou appliquez-la.",
        "%n modifications proposées. Décochez celles dont vous ne voulez pas, ou appliquez-les toutes.",
    ),
    "Before": "Avant",
    "After": "Après",
    "Reason": "Raison",
    "Apply &All": "&Tout appliquer",
    "Apply &Ticked": "Appliquer les &cochées",
    "Apply &Ticked (%1)": "Appliquer les &cochées (%1)",
    "Nothing was changed.": "Rien n'a été modifié.",
    "Fixed %n cues; Undo reverts them.":
        (f"%n sous-titre corrigé{FN}; Annuler le rétablit.", f"%n sous-titres corrigés{FN}; Annuler les rétablit."),
    "Re-segmenting changes nothing under %1.": "Redécouper ne change rien avec %1.",
    "Re-segmented %n places; Undo puts the cues back.":
        (f"%n passage redécoupé{FN}; Annuler remet les sous-titres.", f"%n passages redécoupés{FN}; Annuler remet les sous-titres."),
    # Timeline: a drag stops against its neighbour (ui/timeline/canvas.py)
    "stop: 0:00": f"arrêt{NB}: 0:00",
    "stop: min. gap to cue %1": f"arrêt{NB}: écart min. avec le sous-titre %1",
    "Stopped at 0:00.": "Arrêté à 0:00.",
    "Stopped at the minimum gap from cue %1 (%2 ms).": "Arrêté à l'écart minimal du sous-titre %1 (%2 ms).",
    # Transcribe dialog, complete (ui/transcribe_options.py)
    "T&ask:": f"&Tâche{NB}:",
    "Transcribe (write what is said)": "Transcrire (écrire ce qui est dit)",
    "Translate into English": "Traduire en anglais",
    "Type to search": "Tapez pour chercher",
    "Advanced options": "Options avancées",
    "e.g. Interview with Dr. Nguyen about the Rhône delta.": "ex. Entretien avec le Dr Nguyen sur le delta du Rhône.",
    "Initial &prompt:": f"&Amorce{NB}:",
    "Text that could come just before the speech: sets the style, spelling and names.":
        f"Un texte qui pourrait précéder la parole{NB}: il donne le style, l'orthographe et les noms.",
    "e.g. Nguyen, Camargue, CTranslate2": "ex. Nguyen, Camargue, CTranslate2",
    "&Hotwords:": f"Mots &clés{NB}:",
    "Names and terms the speech contains, so they are heard as written.":
        "Les noms et termes que contient la parole, pour qu'ils soient entendus tels qu'ils s'écrivent.",
    "Skip silence (voice activity detection)": "Sauter les silences (détection de la voix)",
    "Off: Whisper hears the whole file, slower, but nothing a detector missed is lost":
        f"Désactivé{NB}: Whisper écoute tout le fichier, plus lentement, mais rien de ce qu'un détecteur manquerait n'est perdu",
    "The file's default track": "La piste par défaut du fichier",
    "&Audio track:": f"&Piste audio{NB}:",
    "Track %1": "Piste %1",
    "%1× real time on this computer": "%1× le temps réel sur cet ordinateur",
    "speed on this computer known after the first run": "vitesse sur cet ordinateur connue après la première transcription",
    "Language: %1 (%2 % sure)": f"Langue{NB}: %1 (sûre à %2{NB}%)",
    # Models dialog (ui/models_dialog.py)
    "&Models…": "&Modèles…",
    "Models…": "Modèles…",
    "See, add, verify and remove the speech models": "Voir, ajouter, vérifier et supprimer les modèles de reconnaissance vocale",
    "Greyed-out models are not installed: Models… says how to get them.":
        f"Les modèles grisés ne sont pas installés{NB}: «{NB}Modèles…{NB}» indique comment les obtenir.",
    "Models": "Modèles",
    "Speech models run on this computer. Add a CTranslate2 Whisper model from a folder, or one another program "
    "downloaded into the Hugging Face cache; `subtitler models pull NAME` downloads the others.": (
        "Les modèles de reconnaissance vocale tournent sur cet ordinateur. Ajoutez un modèle Whisper CTranslate2 "
        "depuis un dossier, ou un modèle qu'un autre programme a téléchargé dans le cache Hugging Face{NB}; "
        "`subtitler models pull NOM` télécharge les autres."
    ).replace("{NB}", NB),
    "Model": "Modèle",
    "Languages": "Langues",
    "Size": "Taille",
    "Checksum": "Somme de contrôle",
    "Where": "Emplacement",
    "Add from &Folder…": "Ajouter depuis un &dossier…",
    "Add from the &Hugging Face Cache": "Ajouter depuis le cache &Hugging Face",
    "&Verify": "&Vérifier",
    "&Remove": "&Supprimer",
    "not added": "non ajouté",
    "Hugging Face cache: %1": f"cache Hugging Face{NB}: %1",
    "English only": "anglais seulement",
    "99 languages": "99 langues",
    "verified": "vérifiée",
    "not checked yet": "pas encore vérifiée",
    "no checksum known": "aucune somme connue",
    "damaged: add it again": f"endommagé{NB}: ajoutez-le de nouveau",
    "not installed": "non installé",
    "not installed: `subtitler models pull %1` (needs internet)": f"non installé{NB}: `subtitler models pull %1` (demande Internet)",
    "folder": "dossier",
    "bundled": "fourni",
    "Hugging Face cache": "cache Hugging Face",
    "Added %1.": "%1 ajouté.",
    "Verifying %1…": "Vérification de %1…",
    "%1: %2": f"%1{NB}: %2",
    "Removed %1.": "%1 supprimé.",
    "CTranslate2 Whisper model folder": "Dossier d'un modèle Whisper CTranslate2",
    "Model name": "Nom du modèle",
    "Name of the model:": f"Nom du modèle{NB}:",
    "Remove %1?": f"Supprimer %1{FN}?",
    "Delete the model's files from this computer?": f"Effacer les fichiers du modèle de cet ordinateur{FN}?",
    # Keyboard shortcuts the user can change (ui/shortcuts_dialog.py)
    "List every command and change its keys": "Lister toutes les commandes et changer leurs raccourcis",
    "Search commands": "Chercher une commande",
    "Default": "Par défaut",
    "New keys:": f"Nouveau raccourci{NB}:",
    "Press the keys for the selected command": "Appuyez sur les touches pour la commande choisie",
    "&Assign": "&Attribuer",
    "&No Keys": "&Aucun raccourci",
    "&Default": "Par &défaut",
    "Select a command first.": "Choisissez d'abord une commande.",
    "%1 is already the key of “%2”. Give that command other keys first.":
        f"%1 est déjà le raccourci de «{NB}%2{NB}». Donnez d'abord un autre raccourci à cette commande.",
    "“%1” now has %2.": f"«{NB}%1{NB}» a maintenant %2.",
    "“%1” has no keys now.": f"«{NB}%1{NB}» n'a plus de raccourci.",
}
