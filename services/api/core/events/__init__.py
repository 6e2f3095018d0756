"""Server-Sent Events that know nothing of the jobs app: frames and fan-out."""
