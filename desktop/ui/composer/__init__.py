"""The composer: one note per interviewer, written, checked and sent."""
