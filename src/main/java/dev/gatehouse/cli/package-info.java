/**
 * The {@code gatehouse} command line: {@code serve}, {@code demo}, {@code aws-emulator} and offline
 * {@code admin} commands, each starting a product through its composition root. May import the composition
 * roots, {@code demo}, and what the offline commands open directly (directory, signin, storage, the emulator's
 * account store); nothing imports it.
 */
package dev.gatehouse.cli;
