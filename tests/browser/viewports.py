"""Screen sizes the browser tests use: a laptop and a phone (iPhone 12–15 class)."""
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
