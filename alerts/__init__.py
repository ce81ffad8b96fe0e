"""What changed since last quarter, and alerts that arrive once: changes, routing, rendering, delivery."""
