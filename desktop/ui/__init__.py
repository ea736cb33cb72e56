"""The Qt window: views lay out; services below do the work."""
