package dev.userbase.persistence.jdbc;

/** Reads and writes of groups on one pool: what a store with an ordinary pool declares. */
public interface GroupRows extends GroupRowReads, GroupRowWrites {}
