"""What the check writes, guarded: no credential in any spelling, opaque text hidden."""
