"""Alert rules, rendering and delivery (apprise targets configured under `[alerts]`)."""
