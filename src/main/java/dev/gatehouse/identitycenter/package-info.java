/**
 * The identity center as a product: its composition root ({@code IdentityCenter}, which wires every room with
 * {@code new} and holds no logic), its route table ({@code IdentityCenterRoutes}, every URL with its role) and its
 * settings ({@code IdentityCenterConfig}, beside the emulator's {@code EmulatorConfig}). May import every
 * identity-center room and the plumbing; never the emulator.
 */
package dev.gatehouse.identitycenter;
