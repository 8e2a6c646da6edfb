"""Finding the stories in feeds, folders and lists of articles: which articles report the same event, and why."""
