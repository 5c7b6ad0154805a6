package dev.userbase.persistence.jdbc;

/** Reads and writes on one pool: what a store with an ordinary connection pool declares. */
public interface UserRows extends UserRowReads, UserRowWrites {}
