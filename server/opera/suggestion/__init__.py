"""Suggested clusters for Arrange, computed here: no idea text leaves this server.

Outside the engine on purpose (the engine imports nothing but itself and pydantic): this
package reads a room and never changes one. The host accepts a suggestion by sending ordinary
`cluster.create` commands, so the record holds host actions and the reducer no model.
`route` serves it over HTTP; `grouping` (numpy) is imported only when a suggestion is made.
"""
