"""What the check tells, through one redactor."""
