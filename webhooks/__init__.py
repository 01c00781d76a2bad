"""Channel webhooks: one thin blueprint per channel of ``bot.channels``, found by ``app.py``."""
