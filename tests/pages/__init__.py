"""The built site as readers use it: pages, samples, search, accessibility, Try it."""
