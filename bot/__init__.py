"""Paisano Helpline: conversation engine, storage, handoff, delivery, console and CLI."""
