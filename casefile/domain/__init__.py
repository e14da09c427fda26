"""Pure records, rules and value objects; imports nothing else of Casefile's."""
