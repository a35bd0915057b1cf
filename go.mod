module partnerdocs

go 1.26
