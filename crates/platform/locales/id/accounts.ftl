# accounts messages
