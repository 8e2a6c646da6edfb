"""`python -m tui` runs the same command as `parallax`."""

from tui.cli import main

raise SystemExit(main())
