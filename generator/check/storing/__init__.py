"""What a check keeps: the runs it made (judged again when reused), recordings, Retry-After
moments, and --update's writes."""
