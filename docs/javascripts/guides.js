// The theme's search overlay is a dialog without a name; screen readers announce this one.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the guides");
});
