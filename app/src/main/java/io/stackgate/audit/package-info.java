/**
 * The audit capability: the append-only, hash-chained audit log written with every domain event it records, its
 * verification and signed checkpoints; the manager and auditor reports and their CSV/XLSX/PDF exports. It subscribes
 * to the other capabilities' events and reads their public services; nobody depends on it but through the ports it
 * implements.
 */
package io.stackgate.audit;
