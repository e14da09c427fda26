"""Qt item models over plain row data (ids and display text); none of them holds a Session."""
