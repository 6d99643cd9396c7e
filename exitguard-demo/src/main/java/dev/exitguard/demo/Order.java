package dev.exitguard.demo;

/** One order: an id the service gives it and what was ordered. */
record Order(String id, String item) {
}
