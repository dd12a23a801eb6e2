# regions messages
