package dev.userbase.app;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.data.jdbc.config.SchemaGenerator;

/**
 * Flyway owns the schema of both stores ({@code schema-generate: NONE} on every data source), so
 * Micronaut Data's schema generator has nothing to do. It is still a context bean that, at every
 * start and before it looks at that setting, builds the runtime entity registry and its
 * converters on the main thread: a twentieth of the start's CPU. This bean takes its place among
 * the beans made at start; the registry is then built when a repository is first used (by the
 * start-up audit, on its own thread).
 */
@Context
@Replaces(SchemaGenerator.class)
final class NoSchemaGeneration {}
