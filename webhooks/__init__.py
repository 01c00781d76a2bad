"""Channel webhooks: one thin blueprint per channel (Telegram, WhatsApp, SMS, web chat)."""
