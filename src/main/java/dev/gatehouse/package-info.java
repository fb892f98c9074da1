/**
 * The composition roots and route table: {@code Main} (command line), {@code IdentityCenter} (wires the identity
 * center with {@code new}) and {@code Routes} (every URL with its role). May import every package.
 */
package dev.gatehouse;
