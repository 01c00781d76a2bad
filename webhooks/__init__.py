"""Channel webhooks: one thin blueprint per channel (Telegram, WhatsApp, web chat)."""
