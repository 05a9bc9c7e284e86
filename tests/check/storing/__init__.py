"""What the check keeps, and --update."""
