/** The audit log of sign-ins, launches and administrative changes. May import storage only. */
package dev.gatehouse.audit;
