# audit messages
