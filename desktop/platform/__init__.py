"""The operating system: data paths, time zone, secrets, notifications, autostart, IPC."""
