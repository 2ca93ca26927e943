package io.tenure.api.health;

/** The three inputs of health (DOMAIN.md §4), each a sub-score 0–100 made of measures. */
public enum Dimension {
    USAGE, SENTIMENT, RELATIONSHIP;
}
