# admin messages
