"""Custom widgets of the meeting screen."""
