"""What a check tells: the console, JUnit and annotations, every line through one redactor."""
