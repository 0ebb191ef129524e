package kring.core.reply;

/** One part of a reply; every adapter renders each kind. */
public sealed interface Block permits Text, Fields, Buttons, Chart, Document {}
