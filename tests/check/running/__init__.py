"""The check runs samples: launching, process groups, the capturing proxy."""
