package io.tenure.vertical.marketplace;

/** The two sides of a marketplace, in tension: buyers bring demand, sellers bring supply. Written as lower-case codes. */
public enum Side {
    BUYER, SELLER;
}
