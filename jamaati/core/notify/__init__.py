"""Email and SMS behind one interface: notify(user, subject, body)."""
