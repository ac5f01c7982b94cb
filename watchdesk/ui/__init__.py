"""Qt only: windows, pages, table models, dialogs and the task runner."""
