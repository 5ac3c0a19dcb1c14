"""The territorial tree (Collectivity), the tenant-owned base model and scoping."""
