package dev.cutaway.sql.catalog;

/**
 * A role: its name, whether it may log in, whether it is a superuser, and its password
 * verifier in PostgreSQL's SCRAM-SHA-256 text form (null: no password). The password itself
 * is never kept (see {@link ScramVerifier}).
 */
public record RoleDesc(String name, boolean login, boolean superuser, String verifier) {}
