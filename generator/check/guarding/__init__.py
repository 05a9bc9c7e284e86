"""What keeps a credential out of everything a check writes, at every stage: the redactor,
the encoded spellings it seeks, and the second guard on opaque text."""
