/**
 * Notices for people: written in the same transaction as the event that causes them (lease renewal due, lease
 * expired), read by their recipient in-app ({@code GET /api/notifications}); the table is the outbox mail and webhook
 * delivery will read.
 */
package io.stackgate.notifications;
