"""The Textual reader. Nothing outside this package imports Textual."""
