"""Qt-free core: document model, word layer, edits, rules, segmentation, formats."""
