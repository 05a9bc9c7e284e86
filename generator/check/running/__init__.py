"""Running samples: the process groups, the launcher, the capturing proxy and the API they call."""
