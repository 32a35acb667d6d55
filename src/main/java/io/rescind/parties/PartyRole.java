package io.rescind.parties;

/** The part a party plays in its tenant. */
public enum PartyRole {
    BUYER,
    SELLER,
    OPERATOR
}
