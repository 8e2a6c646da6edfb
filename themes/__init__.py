"""Theme files shipped with Parallax (YAML, loaded as Textual themes)."""
